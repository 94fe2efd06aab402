FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
USER ContainerUser
RUN --mount=type=cache,target=C:/Users/ContainerUser/AppData/Local/npm-cache npm ci
