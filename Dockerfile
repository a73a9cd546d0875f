# syntax=docker/dockerfile:1
# Builds and runs the QuantPulse hosts. Build context: the repository root (see .dockerignore).
#   docker build -t quantpulse .                                  # the headless worker (the last stage)
#   docker run --rm quantpulse                                    # SQLite in /app/data, a volume owned by the app user
#   docker run --rm -v quantpulse-data:/app/data quantpulse       # keep the database across containers
#   docker build --target dashboard -t quantpulse-dashboard .     # the dashboard: pages, API, feed, health, metrics
#   docker run --rm -p 8080:8080 -e QuantPulse__Api__ApiKeys__0=... quantpulse-dashboard
# Exit codes: 0 stopped, 1 the pipeline failed, 2 invalid configuration (docs/configuration.md).
#
# Layout: one `build` stage restores and copies the sources once; each host has a `publish-<host>` stage and a
# runtime stage of its own; the worker's stays last so it is the default target.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is cached until a dependency changes.
COPY nuget.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/QuantPulse.Core/QuantPulse.Core.csproj src/QuantPulse.Core/
COPY src/QuantPulse.Distributed/QuantPulse.Distributed.csproj src/QuantPulse.Distributed/
COPY src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj src/QuantPulse.Hosts/QuantPulse.Worker/
COPY src/QuantPulse.Hosts/QuantPulse.Dashboard/QuantPulse.Dashboard.csproj src/QuantPulse.Hosts/QuantPulse.Dashboard/
RUN dotnet restore src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj \
    && dotnet restore src/QuantPulse.Hosts/QuantPulse.Dashboard/QuantPulse.Dashboard.csproj
COPY src/ src/

FROM build AS publish-dashboard
RUN dotnet publish src/QuantPulse.Hosts/QuantPulse.Dashboard/QuantPulse.Dashboard.csproj \
    -c Release --no-restore -o /out /p:UseAppHost=false

# The dashboard on the ASP.NET Core runtime: non-root, data on a volume, listening on 8080 of the container.
# Production refuses to listen beyond loopback without credentials: pass QuantPulse__Api__Jwt__SigningKey or
# QuantPulse__Api__ApiKeys__0 (docker run -e ...), never bake them into the image.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS dashboard
WORKDIR /app
# The data folder belongs to the image's unprivileged user ($APP_UID, set by the base image). It is created before
# VOLUME: changes to a volume's path after the declaration would be discarded.
RUN mkdir -p /app/data && chown "$APP_UID:$APP_UID" /app/data
VOLUME /app/data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServer=0 \
    QuantPulse__DataDirectory=/app/data
EXPOSE 8080
COPY --from=publish-dashboard /out ./
USER $APP_UID
# The image has no curl: the host itself probes its /health endpoint and exits 0 or 1.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["dotnet", "QuantPulse.Dashboard.dll", "--probe", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["dotnet", "QuantPulse.Dashboard.dll"]

FROM build AS publish-worker
RUN dotnet publish src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj \
    -c Release --no-restore -o /out /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS worker
WORKDIR /app
RUN mkdir -p /app/data && chown "$APP_UID:$APP_UID" /app/data
VOLUME /app/data
ENV DOTNET_gcServer=0 \
    QuantPulse__DataDirectory=/app/data \
    QuantPulse__Sources__Simulated__Enabled=true \
    Metrics__Host=* \
    Metrics__Port=9464
# 9465: /health and /health/ready of a scale-out role (QuantPulse__Distributed__Role; docs/scale-out.md).
EXPOSE 9464 9465
COPY --from=publish-worker /out ./
USER $APP_UID
ENTRYPOINT ["dotnet", "QuantPulse.Worker.dll"]
