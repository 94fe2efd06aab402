# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /repo
COPY . .
RUN --mount=type=cache,target=/repo/.nuget/packages <<EOF
set -e
dotnet restore Service.sln --packages=.nuget/packages
dotnet build Service.sln --no-restore -c Release
EOF
RUN dotnet test Service.sln --no-build -c Release --logger trx --results-directory /results

FROM scratch AS results
COPY --from=build /results /
