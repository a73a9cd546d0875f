# syntax=docker/dockerfile:1
# Builds and runs the QuantPulse hosts. Build context: the repository root (see .dockerignore).
#   docker build -t quantpulse .                 # the worker (the last stage)
#   docker run --rm quantpulse                   # SQLite in /app/data, a volume owned by the app user
#   docker run --rm -v quantpulse-data:/app/data quantpulse    # keep the database across containers
# Exit codes: 0 stopped, 1 the pipeline failed, 2 invalid configuration (docs/configuration.md).
#
# Layout: one `build` stage restores and copies the sources once; each host has a `publish-<host>` stage and a
# runtime stage of its own. A second host adds its project file to the restore step, a `publish-<host>` stage and a
# runtime stage (above the worker's, so the worker stays the default target) built with `--target <host>`.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is cached until a dependency changes.
COPY nuget.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/QuantPulse.Core/QuantPulse.Core.csproj src/QuantPulse.Core/
COPY src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj src/QuantPulse.Hosts/QuantPulse.Worker/
RUN dotnet restore src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj
COPY src/ src/

FROM build AS publish-worker
RUN dotnet publish src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj \
    -c Release --no-restore -o /out /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS worker
WORKDIR /app
# The data folder (the SQLite database) belongs to the image's unprivileged user ($APP_UID, set by the base image).
# It is created before VOLUME: changes to a volume's path after the declaration would be discarded.
RUN mkdir -p /app/data && chown "$APP_UID:$APP_UID" /app/data
VOLUME /app/data
ENV DOTNET_gcServer=0 \
    QuantPulse__DataDirectory=/app/data \
    QuantPulse__Sources__Simulated__Enabled=true
COPY --from=publish-worker /out ./
USER $APP_UID
ENTRYPOINT ["dotnet", "QuantPulse.Worker.dll"]
