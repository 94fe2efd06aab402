FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Api/Api.csproj Api/
RUN --mount=type=cache,target=/root/.local/share/NuGet/http-cache \
    dotnet restore Api/Api.csproj --packages /nuget
COPY . .
RUN dotnet publish Api/Api.csproj --no-restore -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0
COPY --from=build /app /app
ENTRYPOINT ["dotnet", "/app/Api.dll"]
