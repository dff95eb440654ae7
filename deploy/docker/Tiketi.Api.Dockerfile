# syntax=docker/dockerfile:1
# The API image: REST, SignalR (/hubs/sale), health, as an Orleans client of the silo cluster.
#   docker build -f deploy/docker/Tiketi.Api.Dockerfile -t tiketi-api .        (from the repository root)
# Configuration comes from the environment and from key-per-file secrets mounted at /run/secrets
# (file name = configuration key with "__" for ":"); see docs/operations.md for the full list.
# Without ConnectionStrings__Tiketi the API would host an in-memory silo: never run it so in production.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
# Distroless Ubuntu: no shell, no package manager; "-extra" adds ICU and tzdata (Npgsql needs ICU).
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
# Only to fetch the pages' SignalR browser client from npm (the SDK image has no Node.js).
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${RUNTIME_IMAGE} AS runtime-accounts

# The pages push live through SignalR; without this bundle they would fall back to polling.
FROM ${NODE_IMAGE} AS web
WORKDIR /web
COPY Tiketi.Api/package.json Tiketi.Api/package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Tiketi.Grains.Interfaces/Tiketi.Grains.Interfaces.csproj Tiketi.Grains.Interfaces/
COPY Tiketi.Grains/Tiketi.Grains.csproj Tiketi.Grains/
COPY Tiketi.Silo/Tiketi.Silo.csproj Tiketi.Silo/
COPY Tiketi.Api/Tiketi.Api.csproj Tiketi.Api/
COPY deploy/docker/healthprobe/HealthProbe.csproj deploy/docker/healthprobe/
RUN dotnet restore Tiketi.Api/Tiketi.Api.csproj \
 && dotnet restore deploy/docker/healthprobe/HealthProbe.csproj
COPY Tiketi.Grains.Interfaces/ Tiketi.Grains.Interfaces/
COPY Tiketi.Grains/ Tiketi.Grains/
COPY Tiketi.Silo/ Tiketi.Silo/
COPY Tiketi.Api/ Tiketi.Api/
COPY --from=web /web/node_modules/@microsoft/signalr/dist/browser/signalr.min.js Tiketi.Api/wwwroot/lib/signalr/
COPY deploy/docker/healthprobe/ deploy/docker/healthprobe/
RUN dotnet publish Tiketi.Api/Tiketi.Api.csproj -c Release --no-restore -o /out/app -p:UseAppHost=false -p:DebugType=none \
 && dotnet publish deploy/docker/healthprobe/HealthProbe.csproj -c Release --no-restore -o /out/probe -p:UseAppHost=false -p:DebugType=none
# The runtime image has no useradd: add uid/gid 1001 to a copy of its own account files.
COPY --from=runtime-accounts /etc/passwd /etc/group /out/etc/
RUN echo 'tiketi:x:1001:1001:tiketi:/home/tiketi:/usr/sbin/nologin' >> /out/etc/passwd \
 && echo 'tiketi:x:1001:' >> /out/etc/group \
 && mkdir -p /out/home/tiketi

FROM ${RUNTIME_IMAGE}
ARG REVISION=unknown
LABEL org.opencontainers.image.title="tiketi-api" \
      org.opencontainers.image.description="TIKETI web API and SignalR host" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.revision="${REVISION}"
COPY --from=build /out/etc/passwd /out/etc/group /etc/
COPY --from=build --chown=1001:1001 /out/home/tiketi /home/tiketi
WORKDIR /app
COPY --from=build /out/app ./
COPY --from=build /out/probe /probe/
ENV HOME=/home/tiketi \
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Logging__Console__FormatterName=json
EXPOSE 8080
USER 1001:1001
# Liveness only: the process serves HTTP. Readiness (/health/ready: the cluster answers a grain call) is
# the load balancer's check, so an API host is not restarted just because the silos are away.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "/probe/HealthProbe.dll", "http", "/health/live"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Tiketi.Api.dll"]
