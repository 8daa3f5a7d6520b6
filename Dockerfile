# Diffusion Lab from source: build the jar with the wrapper, run it on a JRE.
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre
# sweep grid PNGs draw their labels with a system font (the JDK ships none)
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fontconfig fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/diffusion-lab.jar /app/diffusion-lab.jar
COPY --from=build /src/models /app/models
ENV DLAB_DATA_DIR=/data MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=4194304 MKL_CBWR=AUTO,STRICT
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", \
  "-Dai.djl.offline=true", "-jar", "/app/diffusion-lab.jar"]
CMD ["serve"]
