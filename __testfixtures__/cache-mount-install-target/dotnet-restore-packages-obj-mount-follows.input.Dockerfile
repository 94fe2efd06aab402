FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /app
COPY App.csproj .
RUN --mount=type=cache,target=/app/obj \
    --mount=type=cache,target=/root/.local/share/NuGet/http-cache \
    dotnet restore --packages /app/nuget
COPY . .
RUN dotnet build --no-restore -c Release -o /out

FROM mcr.microsoft.com/dotnet/runtime:8.0
COPY --from=build /out /app
ENTRYPOINT ["dotnet", "/app/App.dll"]
