FROM mcr.microsoft.com/dotnet/sdk:8.0
SHELL ["pwsh", "-Command"]
RUN dotnet restore
