CREATE TABLE "distribution_weekly" (
	"week" date NOT NULL,
	"point_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sets" integer NOT NULL,
	"handouts" integer NOT NULL,
	CONSTRAINT "distribution_weekly_week_point_id_item_id_pk" PRIMARY KEY("week","point_id","item_id")
);
--> statement-breakpoint
-- The weekly rollup joins the daily and monthly ones (0008): the trigger functions now keep all three.
CREATE OR REPLACE FUNCTION "handout_rollups_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "distribution_daily" AS r ("day", "point_id", "item_id", "sets", "handouts")
  SELECT (d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", sum(d."sets"), count(*)
    FROM new_rows d
   GROUP BY 1, 2, 3
  ON CONFLICT ("day", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  INSERT INTO "distribution_weekly" AS r ("week", "point_id", "item_id", "sets", "handouts")
  SELECT date_trunc('week', d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", sum(d."sets"), count(*)
    FROM new_rows d
   GROUP BY 1, 2, 3
  ON CONFLICT ("week", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  INSERT INTO "distribution_monthly" AS r ("month", "point_id", "item_id", "sets", "handouts")
  SELECT date_trunc('month', d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", sum(d."sets"), count(*)
    FROM new_rows d
   GROUP BY 1, 2, 3
  ON CONFLICT ("month", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "handout_rollups_undo"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "distribution_daily" AS r ("day", "point_id", "item_id", "sets", "handouts")
  SELECT (d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", -sum(d."sets"), -count(*)
    FROM new_rows n
    JOIN "distributions" d ON d."id" = n."distribution_id"
   WHERE n."kind" = 'reversal'
   GROUP BY 1, 2, 3
  ON CONFLICT ("day", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  INSERT INTO "distribution_weekly" AS r ("week", "point_id", "item_id", "sets", "handouts")
  SELECT date_trunc('week', d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", -sum(d."sets"), -count(*)
    FROM new_rows n
    JOIN "distributions" d ON d."id" = n."distribution_id"
   WHERE n."kind" = 'reversal'
   GROUP BY 1, 2, 3
  ON CONFLICT ("week", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  INSERT INTO "distribution_monthly" AS r ("month", "point_id", "item_id", "sets", "handouts")
  SELECT date_trunc('month', d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", -sum(d."sets"), -count(*)
    FROM new_rows n
    JOIN "distributions" d ON d."id" = n."distribution_id"
   WHERE n."kind" = 'reversal'
   GROUP BY 1, 2, 3
  ON CONFLICT ("month", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  RETURN NULL;
END $$;
--> statement-breakpoint
INSERT INTO "distribution_weekly" ("week", "point_id", "item_id", "sets", "handouts")
SELECT date_trunc('week', "day"::timestamp)::date, "point_id", "item_id", sum("sets"), sum("handouts")
  FROM "distribution_daily"
 GROUP BY 1, 2, 3;
