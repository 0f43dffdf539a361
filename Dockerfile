FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The published document as PDF (…/document.pdf) is printed by headless chromium with a CJK font.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/infra ./infra
COPY --from=build /app/catalog ./catalog
COPY --from=build /app/tools ./tools
COPY --from=build /app/tsconfig.base.json /app/package.json ./
USER node
EXPOSE 3000
CMD ["node", "--max-old-space-size=320", "-r", "./tools/register-dist-paths.js", "dist/apps/api/src/main.js"]
