# syntax=docker/dockerfile:1
# Builds and runs the QuantPulse host. Build context: the repository root.
#   docker build -t quantpulse .
#   docker run --rm quantpulse
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is cached until a dependency changes.
COPY nuget.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/QuantPulse.Core/QuantPulse.Core.csproj src/QuantPulse.Core/
COPY src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj src/QuantPulse.Hosts/QuantPulse.Worker/
RUN dotnet restore src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj
COPY src/ src/
RUN dotnet publish src/QuantPulse.Hosts/QuantPulse.Worker/QuantPulse.Worker.csproj \
    -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app ./
# Run as the image's unprivileged user; data (SQLite files) goes to a volume it owns.
USER $APP_UID
ENV DOTNET_gcServer=0 \
    QuantPulse__Sources__Simulated__Enabled=true
ENTRYPOINT ["dotnet", "QuantPulse.Worker.dll"]
