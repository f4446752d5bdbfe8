-- A draft of this migration (0008_distribution_daily, daily rollup only) was applied for a few
-- minutes to development databases on the shared machine; remove what it made, if anything.
DROP FUNCTION IF EXISTS "distribution_daily_add"() CASCADE;--> statement-breakpoint
DROP FUNCTION IF EXISTS "distribution_daily_undo"() CASCADE;--> statement-breakpoint
DROP TABLE IF EXISTS "distribution_daily";--> statement-breakpoint
CREATE TABLE "distribution_daily" (
	"day" date NOT NULL,
	"point_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sets" integer NOT NULL,
	"handouts" integer NOT NULL,
	CONSTRAINT "distribution_daily_day_point_id_item_id_pk" PRIMARY KEY("day","point_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "distribution_monthly" (
	"month" date NOT NULL,
	"point_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sets" integer NOT NULL,
	"handouts" integer NOT NULL,
	CONSTRAINT "distribution_monthly_month_point_id_item_id_pk" PRIMARY KEY("month","point_id","item_id")
);
--> statement-breakpoint
CREATE INDEX "distribution_daily_point_id_day_index" ON "distribution_daily" USING btree ("point_id","day");--> statement-breakpoint
-- The rollups are kept by triggers, not by application code, so that every writer keeps them.
-- Statement-level with a transition table: a bulk insert of a million hand-outs costs one grouped
-- upsert per rollup, not a million row triggers.
CREATE FUNCTION "handout_rollups_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "distribution_daily" AS r ("day", "point_id", "item_id", "sets", "handouts")
  SELECT (d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", sum(d."sets"), count(*)
    FROM new_rows d
   GROUP BY 1, 2, 3
  ON CONFLICT ("day", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  INSERT INTO "distribution_monthly" AS r ("month", "point_id", "item_id", "sets", "handouts")
  SELECT date_trunc('month', d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id",
         sum(d."sets"), count(*)
    FROM new_rows d
   GROUP BY 1, 2, 3
  ON CONFLICT ("month", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "distributions_handout_rollups" AFTER INSERT ON "distributions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "handout_rollups_add"();
--> statement-breakpoint
-- A reversal that names a distribution undoes that hand-out (the reports' "not undone" rule).
CREATE FUNCTION "handout_rollups_undo"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "distribution_daily" AS r ("day", "point_id", "item_id", "sets", "handouts")
  SELECT (d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", -sum(d."sets"), -count(*)
    FROM new_rows n
    JOIN "distributions" d ON d."id" = n."distribution_id"
   WHERE n."kind" = 'reversal'
   GROUP BY 1, 2, 3
  ON CONFLICT ("day", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  INSERT INTO "distribution_monthly" AS r ("month", "point_id", "item_id", "sets", "handouts")
  SELECT date_trunc('month', d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id",
         -sum(d."sets"), -count(*)
    FROM new_rows n
    JOIN "distributions" d ON d."id" = n."distribution_id"
   WHERE n."kind" = 'reversal'
   GROUP BY 1, 2, 3
  ON CONFLICT ("month", "point_id", "item_id")
  DO UPDATE SET "sets" = r."sets" + excluded."sets", "handouts" = r."handouts" + excluded."handouts";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "stock_movements_handout_rollups" AFTER INSERT ON "stock_movements"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "handout_rollups_undo"();
--> statement-breakpoint
-- The hand-outs recorded before this migration.
INSERT INTO "distribution_daily" ("day", "point_id", "item_id", "sets", "handouts")
SELECT (d."occurred_at" AT TIME ZONE 'Asia/Tokyo')::date, d."point_id", d."item_id", sum(d."sets"), count(*)
  FROM "distributions" d
 WHERE NOT EXISTS (SELECT 1 FROM "stock_movements" r WHERE r."distribution_id" = d."id" AND r."kind" = 'reversal')
 GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "distribution_monthly" ("month", "point_id", "item_id", "sets", "handouts")
SELECT date_trunc('month', "day"::timestamp)::date, "point_id", "item_id", sum("sets"), sum("handouts")
  FROM "distribution_daily"
 GROUP BY 1, 2, 3;
