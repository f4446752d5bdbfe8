# One Dockerfile for the whole stack (docker-compose.yml picks the stage):
#   api  the Fastify API (it also serves the built SPA on its own port)
#   web  nginx serving the built SPA and proxying /api, /openapi.json and /docs to api
FROM node:20-slim AS build
ENV CI=true
# Never corepack: pnpm comes from the npm registry, pinned.
RUN npm install --global --no-fund --no-audit pnpm@10.34.9
WORKDIR /app
# Manifests first, so the dependency layer is reused until a manifest or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/shared/package.json packages/shared/
COPY packages/api/package.json packages/api/
COPY packages/web/package.json packages/web/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @tsunagari/web build

FROM build AS api
# The embedded database is only used without DATABASE_URL; give it a writable place anyway.
RUN mkdir -p /data && chown node:node /data
USER node
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `pnpm --filter @tsunagari/api start` runs (tsx src/server.ts), as PID 1 itself: with pnpm
# and sh in between, `docker stop`'s SIGTERM never reaches the server and it cannot shut down cleanly.
WORKDIR /app/packages/api
CMD ["node", "--import", "tsx", "src/server.ts"]

FROM nginx:1.27-alpine AS web
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/packages/web/dist /usr/share/nginx/html
EXPOSE 80
