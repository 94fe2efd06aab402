# The mount on bin/ is the one to move: the publish reads packages from the --packages folder of the restore before it.
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/src/packages \
    --mount=type=cache,target=/root/.local/share/NuGet/http-cache \
    dotnet restore --packages /src/packages && dotnet publish --no-restore -c Release
RUN cp -r /src/bin/Release/net8.0/publish /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0
COPY --from=build /app /app
ENTRYPOINT ["dotnet", "/app/Web.dll"]
