FROM mcr.microsoft.com/dotnet/sdk:8.0
RUN --mount=type=cache,target=/root/.dotnet/tools dotnet tool install -g dotnet-ef --version 8.0.6
ENV PATH=$PATH:/root/.dotnet/tools
WORKDIR /src
COPY . .
ENTRYPOINT ["dotnet", "ef", "database", "update"]
