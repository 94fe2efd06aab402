FROM gcc:14
RUN apt-get update && apt-get install -y ccache cmake
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.ccache \
    cmake -B build -DCMAKE_C_COMPILER_LAUNCHER=ccache && cmake --build build && cp build/app /usr/local/bin/app
CMD ["app"]
