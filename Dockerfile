# syntax=docker/dockerfile:1
# Builds the QuantPulse hosts. Build context: the repository root.
#   docker build -t quantpulse .                                  # the headless worker (last stage)
#   docker build --target dashboard -t quantpulse-dashboard .     # the dashboard: API, feed, health, metrics
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is cached until a dependency changes.
COPY nuget.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/QuantPulse.Core/QuantPulse.Core.csproj src/QuantPulse.Core/
COPY src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj src/QuantPulse.Hosts/QuantPulse.Worker/
COPY src/QuantPulse.Hosts/QuantPulse.Dashboard/QuantPulse.Dashboard.csproj src/QuantPulse.Hosts/QuantPulse.Dashboard/
RUN dotnet restore src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj \
    && dotnet restore src/QuantPulse.Hosts/QuantPulse.Dashboard/QuantPulse.Dashboard.csproj
COPY src/ src/
RUN dotnet publish src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj \
    -c Release --no-restore -o /app /p:UseAppHost=false \
    && dotnet publish src/QuantPulse.Hosts/QuantPulse.Dashboard/QuantPulse.Dashboard.csproj \
    -c Release --no-restore -o /dashboard /p:UseAppHost=false

# The dashboard on the ASP.NET Core runtime: non-root, data on a volume, listening on 8080 of the container.
# Production refuses to listen beyond loopback without credentials: pass QuantPulse__Api__Jwt__SigningKey or
# QuantPulse__Api__ApiKeys__0 (docker run -e ...), never bake them into the image.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS dashboard
WORKDIR /app
COPY --from=build /dashboard ./
USER root
RUN mkdir -p /data && chown $APP_UID /data
USER $APP_UID
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServer=0 \
    QuantPulse__Storage__Path=/data/quantpulse.db
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["dotnet", "QuantPulse.Dashboard.dll", "--probe", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["dotnet", "QuantPulse.Dashboard.dll"]

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app ./
# Run as the image's unprivileged user; data (SQLite files) goes to a volume it owns.
USER $APP_UID
ENV DOTNET_gcServer=0 \
    QuantPulse__Sources__Simulated__Enabled=true
ENTRYPOINT ["dotnet", "QuantPulse.Worker.dll"]
