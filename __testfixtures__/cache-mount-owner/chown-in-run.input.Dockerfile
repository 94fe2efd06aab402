FROM node:20
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm \
    chown node:node /home/node/.npm && su node -c "npm ci"
RUN --mount=type=cache,target=/home/node/.cache/pip \
    chown -R node /home/node/.cache && gosu node pip install --user --break-system-packages pyyaml
RUN --mount=type=cache,target=/home/node/.npm,id=npm2 \
    chmod 0777 /home/node/.npm && gosu node npm install
