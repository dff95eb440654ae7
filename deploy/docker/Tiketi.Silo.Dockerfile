# syntax=docker/dockerfile:1
# The silo image: one member of a PostgreSQL-clustered TIKETI cluster.
#   docker build -f deploy/docker/Tiketi.Silo.Dockerfile -t tiketi-silo .      (from the repository root)
# Runs `Tiketi.Silo` by default; `docker run ... tiketi-silo migrate` only migrates the schema and exits.
# Configuration comes from the environment only (ConnectionStrings__Tiketi, Orleans__*, Sale__*); see
# docs/operations.md for the full list.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
# Distroless Ubuntu: no shell, no package manager; "-extra" adds ICU and tzdata (Npgsql needs ICU).
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra

FROM ${RUNTIME_IMAGE} AS runtime-accounts

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Tiketi.Grains.Interfaces/Tiketi.Grains.Interfaces.csproj Tiketi.Grains.Interfaces/
COPY Tiketi.Grains/Tiketi.Grains.csproj Tiketi.Grains/
COPY Tiketi.Silo/Tiketi.Silo.csproj Tiketi.Silo/
COPY deploy/docker/healthprobe/HealthProbe.csproj deploy/docker/healthprobe/
RUN dotnet restore Tiketi.Silo/Tiketi.Silo.csproj \
 && dotnet restore deploy/docker/healthprobe/HealthProbe.csproj
COPY Tiketi.Grains.Interfaces/ Tiketi.Grains.Interfaces/
COPY Tiketi.Grains/ Tiketi.Grains/
COPY Tiketi.Silo/ Tiketi.Silo/
COPY deploy/docker/healthprobe/ deploy/docker/healthprobe/
RUN dotnet publish Tiketi.Silo/Tiketi.Silo.csproj -c Release --no-restore -o /out/app -p:UseAppHost=false -p:DebugType=none \
 && dotnet publish deploy/docker/healthprobe/HealthProbe.csproj -c Release --no-restore -o /out/probe -p:UseAppHost=false -p:DebugType=none
# The runtime image has no useradd: add uid/gid 1001 to a copy of its own account files.
COPY --from=runtime-accounts /etc/passwd /etc/group /out/etc/
RUN echo 'tiketi:x:1001:1001:tiketi:/home/tiketi:/usr/sbin/nologin' >> /out/etc/passwd \
 && echo 'tiketi:x:1001:' >> /out/etc/group \
 && mkdir -p /out/home/tiketi

FROM ${RUNTIME_IMAGE}
ARG REVISION=unknown
LABEL org.opencontainers.image.title="tiketi-silo" \
      org.opencontainers.image.description="TIKETI Orleans silo" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.revision="${REVISION}"
COPY --from=build /out/etc/passwd /out/etc/group /etc/
COPY --from=build --chown=1001:1001 /out/home/tiketi /home/tiketi
WORKDIR /app
COPY --from=build /out/app ./
COPY --from=build /out/probe /probe/
ENV HOME=/home/tiketi \
    DOTNET_ENVIRONMENT=Production \
    DOTNET_gcServer=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Logging__Console__FormatterName=json \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000
# 11111: silo-to-silo. 30000: gateway for Orleans clients (API hosts, the load tool).
# 9464: /metrics for Prometheus (Metrics__Port; 0 turns it off).
EXPOSE 11111 30000 9464
USER 1001:1001
# The probe opens a TCP connection to the gateway (Orleans__AdvertisedIp:Orleans__GatewayPort), which a silo
# starts listening on only once it has joined the cluster; it works whether or not the metrics port is on.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["dotnet", "/probe/HealthProbe.dll", "orleans-gateway"]
# SIGTERM lets in-flight calls finish and grains deactivate (HostOptions.ShutdownTimeout = 30 s):
# give `docker stop` at least 45 s (compose stop_grace_period, docker run --stop-timeout).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Tiketi.Silo.dll"]
