# The publish in the same RUN reads the packages from the mount: nothing needs them after it.
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,id=nuget-pkgs,target=/src/packages \
    dotnet restore Api.csproj --packages /src/packages \
    && dotnet publish Api.csproj --no-restore -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0
COPY --from=build /app /app
ENTRYPOINT ["dotnet", "/app/Api.dll"]
