FROM node:24-slim
ENV PNPM_HOME=/pnpm
ENV PATH=/pnpm/bin:$PATH
RUN npm install --global pnpm@11.2.0
RUN --mount=type=cache,target=/pnpm/store pnpm add -g typescript
RUN tsc --version
