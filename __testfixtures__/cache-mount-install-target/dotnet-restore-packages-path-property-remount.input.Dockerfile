FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
WORKDIR /source
COPY *.sln .
COPY src/ src/
RUN --mount=type=cache,id=pkgs,target=/pkgs dotnet restore -p:RestorePackagesPath=/pkgs
RUN --mount=type=cache,id=pkgs,target=/pkgs dotnet build --no-restore -c Release
RUN dotnet test --no-build -c Release

FROM build AS publish
RUN dotnet publish src/Web/Web.csproj --no-build -c Release -o /out
