# Builds the image of any ZViewer deployable from the jar that Maven built (./mvnw package); no network is needed,
# except for video-thumbnailer's FFmpeg, built from Debian's source package (see the "ffmpeg" stage):
#   docker build --build-arg MODULE=services/media-service -t zviewer/media-service .
# Compose passes MODULE for each service. All images start from the same "runtime" stage (a jlink'd Java runtime on
# the few glibc files it needs), so they share those layers byte for byte and a host stores and pulls them once.
# Base images are build arguments defaulting to official images; scripts/build-offline-images.sh makes local images
# of the same names on machines without a registry.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG GLIBC_IMAGE=debian:trixie-slim
ARG PROBE_IMAGE=busybox:1.37

# The Java modules the applications use (spring-beans needs java.desktop for java.beans, Spring Data java.compiler
# for javax.lang.model), plus jcmd and JFR for operators. Of java.desktop's native libraries only imaging stays (for
# thumbnails): no X11, fonts, sound or splash screen on a server. Stored rather than compressed (zip-0): the image
# layer's own compression does better on it. Native libraries lose their symbol tables (5 MB of libjvm.so; crash
# reports then name fewer native frames).
FROM ${JDK_IMAGE} AS jre
RUN jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.security.jgss,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jcmd,\
jdk.jfr,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs \
        --exclude-files='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so,**/libfontmanager.so,**/libfreetype.so' \
        --strip-debug --no-man-pages --no-header-files --compress=zip-0 --output /jre \
    && find /jre -name '*.so' -exec strip --strip-unneeded {} +

# A root filesystem with the runtime, the dynamic loader and the shared libraries it links against, a non-root user
# and a /tmp: everything a JVM needs, no shell and no package manager.
FROM ${GLIBC_IMAGE} AS rootfs
COPY --from=jre /jre /rootfs/opt/java
RUN set -eu; \
    ldd /rootfs/opt/java/bin/* /rootfs/opt/java/lib/*.so /rootfs/opt/java/lib/server/*.so 2>/dev/null \
      | awk '$2 == "=>" && $3 ~ /^\// && $3 !~ /^\/rootfs\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' \
      | sort -u | while read -r lib; do cp --parents -L "$lib" /rootfs/; done; \
    mkdir -p /rootfs/tmp /rootfs/etc /rootfs/application /rootfs/var/lib/zviewer/media; \
    chmod 1777 /rootfs/tmp; \
    printf 'root:x:0:0:root:/root:/sbin/nologin\nzviewer:x:10001:10001:ZViewer:/application:/sbin/nologin\n' \
      >/rootfs/etc/passwd; \
    printf 'root:x:0:\nzviewer:x:10001:\n' >/rootfs/etc/group; \
    printf 'hosts: files dns\n' >/rootfs/etc/nsswitch.conf

# A static wget of under 1 MB answers the health check without starting a second JVM.
FROM ${PROBE_IMAGE} AS probe

FROM scratch AS runtime
COPY --from=rootfs /rootfs/ /
# Where an application keeps files (media-service: its storage volume, mounted there and owned by the application user).
COPY --from=rootfs --chown=10001:10001 /rootfs/var/lib/zviewer/ /var/lib/zviewer/
COPY --from=probe /bin/wget /usr/local/bin/wget
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/bin \
    LANG=C.UTF-8

# The application as Spring Boot lays it out for a fast start (application.jar with its dependencies in lib/), every
# jar rewritten with stored entries for the same reason as the runtime, and every file dated 1970 so that the same
# dependencies make the same layer: services with the same libraries share that layer too.
FROM ${JDK_IMAGE} AS application
ARG MODULE
# The heap's share of the container's memory limit, in per cent, and the JIT compilers: "c2" (C1, then C2 for the hot
# code: the JVM's default) or "c1" (C1 only). See the ENTRYPOINT below.
ARG HEAP_PERCENTAGE=28
ARG JIT=c2
WORKDIR /build
COPY ${MODULE}/target/*.jar application.jar
COPY docker/StoreUncompressed.java /usr/local/src/
# JavaCPP's JNI libraries for FFmpeg (video-thumbnailer; in org.bytedeco's Linux jars, not Netty's, which stay), which
# JavaCPP would unpack at run time, are unpacked here instead, into native/ beside lib/, and the jars dropped: nothing
# is written at run time (the root file system may be read-only, /tmp a small tmpfs). FFmpeg's own libraries in those
# jars are left out: the image takes a smaller build of them (the "ffmpeg" stage).
# Netty's native transport (the gateway's epoll, in its Linux jar) is copied out to native/ as well, which is on
# java.library.path (see ENTRYPOINT), where Netty looks first. Otherwise Netty unpacks it to /tmp at start, and where
# /tmp is mounted noexec (a tmpfs in docker-compose.prod.yml and docker-stack.yml) it cannot load it and falls back
# to Java's NIO: production would run the gateway on a different transport than development does.
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted \
    && for jar in extracted/dependencies/lib/*-linux-x86_64.jar; do \
         [ -e "$jar" ] && jar tf "$jar" | grep -q '^org/bytedeco/' || continue; \
         mkdir -p /tmp/native extracted/dependencies/native; \
         (cd /tmp/native && jar xf "/build/$jar"); \
         rm "$jar"; \
       done \
    && if [ -d /tmp/native ]; then \
         find /tmp/native -path '*/linux-x86_64/*' -name 'libjni*.so' -exec cp {} extracted/dependencies/native/ \; ; \
       fi \
    && for jar in extracted/dependencies/lib/netty-transport-native-*-linux-x86_64.jar; do \
         [ -e "$jar" ] || continue; \
         mkdir -p /tmp/netty extracted/dependencies/native; \
         (cd /tmp/netty && jar xf "/build/$jar" META-INF/native); \
         cp /tmp/netty/META-INF/native/lib*.so extracted/dependencies/native/; \
       done \
    && java /usr/local/src/StoreUncompressed.java extracted/*/lib/*.jar \
    && printf '%s\n' "-XX:InitialRAMPercentage=$HEAP_PERCENTAGE" "-XX:MinRAMPercentage=$HEAP_PERCENTAGE" \
         "-XX:MaxRAMPercentage=$HEAP_PERCENTAGE" >extracted/application/jvm.args \
    && case "$JIT" in \
         c1) echo "-XX:TieredStopAtLevel=1" >>extracted/application/jvm.args ;; \
         c2) ;; \
         *) echo "JIT must be c1 or c2, not '$JIT'" >&2; exit 1 ;; \
       esac \
    && find extracted -exec touch --no-dereference --date=@0 {} +

FROM runtime AS jvm-application
WORKDIR /application
# Logs are JSON lines in the Elastic Common Schema on stdout, for any log collector: each names its application and
# its container (service.node.name, resolved by Spring from the container's HOSTNAME at run time) and, within a
# trace, carries traceId and spanId. Set before the AOT training run, so the cache holds the JSON encoder's classes.
ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    LOGGING_STRUCTURED_ECS_SERVICE_NODE_NAME=\${HOSTNAME}
COPY --from=application /build/extracted/dependencies/ ./
COPY --from=application /build/extracted/spring-boot-loader/ ./
COPY --from=application /build/extracted/snapshot-dependencies/ ./
COPY --from=application /build/extracted/application/ ./
# Java's AOT cache, trained by starting the application once with what an image build has (no database, registry,
# config server or broker: their clients are pointed at closed ports and give up at once) and stopping right after
# the context refresh: classes come loaded and linked, about three times faster to start. The cache is only used
# with the same garbage collector (Serial, the right one for a small container) and thread-stack size. Switches that
# config-repo turns on (token checks, the outbox) and the config server's key are given here instead.
RUN ["java", "-XX:AOTCacheOutput=application.aot", "-XX:+UseSerialGC", "-Xss512k", "-XX:-UsePerfData", \
     "-Dspring.context.exit=onRefresh", \
     "-Dzviewer.config-server.import=optional:configserver:http://127.0.0.1:9", \
     "-Dspring.cloud.config.fail-fast=false", \
     "-Deureka.client.service-url.defaultZone=http://127.0.0.1:9/eureka/", \
     "-Dspring.datasource.url=jdbc:postgresql://127.0.0.1:9/training", "-Dspring.flyway.enabled=false", \
     "-Dspring.data.jdbc.dialect=postgresql", "-Dspring.rabbitmq.port=9", \
     "-Dzviewer.security.username=training", "-Dzviewer.security.password=training", \
     "-Dzviewer.security.jwt.enabled=true", "-Dzviewer.outbox.enabled=true", "-Dencrypt.key=training", \
     "-jar", "application.jar"]
USER 10001:10001
# Memory within the container's limit: the heap is fixed at HEAP_PERCENTAGE of it, in jvm.args (28 %: 90 MB of a
# service's 320 MB; the rest is JIT code, metaspace, the AOT cache's private part, threads and the compilers' peaks;
# the gateway's live heap is about 40 MB, so it builds with 22 %) (with only a maximum, Serial GC would keep
# a 2 MB young generation for long; and below about 400 MB of memory the JVM takes MinRAMPercentage, 50 % by default,
# as the maximum instead of MaxRAMPercentage, so all three are set); glibc keeps two malloc arenas, not one per core
# and thread pool, and the JVM hands their free memory back every 10 s (TrimNativeHeapInterval: the JIT compilers'
# arenas peak at about 45 MB, which glibc would otherwise keep; 22-28 MB less per container, measured with jcmd
# System.trim_native_heap); the AOT cache is mapped where it was built to be (ArchiveRelocationMode=0) so its
# read-only part stays shared, clean file pages rather than a private copy (about 35 MB less per container); small thread stacks; no perf-data file. Host names are looked up again after 5 s rather
# than the JVM's 30: a dependency recreated at a new address (PostgreSQL, RabbitMQ, Redis, another replica's name)
# is reached at its new address within seconds when its client reconnects. Native libraries unpacked while the image
# was built are found in native/, ahead of the JVM's default library path.
# The JIT compilers (JIT, in jvm.args): C2 makes the hot code about half as fast again as C1 alone does (auth-service
# reading users: 2,350 against 1,600 requests/s), but compiling it costs a JVM about 6 of its 12 CPU-seconds in its
# first 20 s and 50 MB of memory. The deployables where a request does much Java work build with c2 (the gateway,
# which every request crosses; auth-service's password hashing; media-service's image scaling); the others with c1
# (Eureka, the config server, comments, payments, admin, video-thumbnailer, whose work is in FFmpeg): on 2 cores a
# cold `up` of the whole system then takes 45-50 s on a quiet machine instead of 58-64.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:AOTCache=application.aot", "-XX:+UseSerialGC", "-Xss512k", "-XX:-UsePerfData", \
     "-Dsun.net.inetaddr.ttl=5", "-XX:TrimNativeHeapInterval=10000", \
     "-Djava.library.path=/application/native:/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib", \
     "@jvm.args", \
     "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", \
     "-XX:+ExitOnOutOfMemoryError", "-jar", "application.jar"]

# One target per listening port (HEALTHCHECK takes no build arguments): Compose picks the target of the Eureka
# server and of the config server; every other deployable uses the last one, on 8080. Readiness answers in
# milliseconds; the 4 s limit and five misses in a row (about 50 s) are for a host whose two cores are busy starting
# many JVMs at once, where a few slow answers from an application that works would otherwise mark it unhealthy and
# make `up --wait` fail (seen with two stacks starting side by side).
FROM jvm-application AS discovery-server
EXPOSE 8761
HEALTHCHECK --interval=10s --timeout=5s --start-period=300s --start-interval=1s --retries=5 \
    CMD ["wget", "-q", "-T", "4", "-O", "/dev/null", "http://127.0.0.1:8761/actuator/health/readiness"]

FROM jvm-application AS config-server
EXPOSE 8888
HEALTHCHECK --interval=10s --timeout=5s --start-period=300s --start-interval=1s --retries=5 \
    CMD ["wget", "-q", "-T", "4", "-O", "/dev/null", "http://127.0.0.1:8888/actuator/health/readiness"]

FROM jvm-application AS service
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=300s --start-interval=1s --retries=5 \
    CMD ["wget", "-q", "-T", "4", "-O", "/dev/null", "http://127.0.0.1:8080/actuator/health/readiness"]

# video-thumbnailer's FFmpeg, built from Debian's source package of FFmpeg 7.1 (the major versions of the libraries
# that the JavaCPP presets 7.1.1 were built against, with Debian's security fixes) with only what a video frame needs:
# the MP4 and WebM demuxers, the decoders of their video codecs (H.264, HEVC, MPEG-4, VP8, VP9; AV1 with Debian's
# dav1d) and of their usual audio (read while FFmpeg probes the streams), the file, TCP and HTTP protocols and
# libswscale. No hardware acceleration, encoder, filter, device or external library besides dav1d. The presets' own
# build, with every codec and encoder, weighs 55 MB; this one 9 MB with dav1d (2 minutes to build on 2 cores, once).
FROM ${GLIBC_IMAGE} AS ffmpeg
RUN set -eu; \
    { sed -n 's/^deb /deb-src /p' /etc/apt/sources.list 2>/dev/null || true; } >/etc/apt/sources.list.d/zviewer-src.list; \
    for list in /etc/apt/sources.list.d/*.sources; do \
      [ ! -e "$list" ] || sed 's/^Types: deb$/Types: deb-src/' "$list" >"${list%.sources}-src.sources.tmp"; \
    done; \
    for list in /etc/apt/sources.list.d/*.sources.tmp; do [ ! -e "$list" ] || mv "$list" "${list%.tmp}"; done; \
    apt-get -qq update; \
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends \
      gcc libc6-dev make nasm pkgconf dpkg-dev libdav1d-dev >/dev/null; \
    mkdir /src; cd /src; \
    apt-get -qq source ffmpeg >/dev/null 2>&1; \
    cd ffmpeg-*/; \
    ./configure --prefix=/usr/local --enable-shared --disable-static --disable-programs --disable-doc \
      --disable-debug --disable-avdevice --disable-avfilter --disable-autodetect --disable-everything \
      --enable-protocol=file,http,tcp --enable-demuxer=mov,matroska --enable-libdav1d \
      --enable-decoder=h264,hevc,mpeg4,vp8,vp9,libdav1d,aac,mp3,opus,vorbis \
      --enable-parser=h264,hevc,mpeg4video,vp8,vp9,av1,aac,mpegaudio,opus,vorbis >/dev/null; \
    make -j"$(nproc)" >/dev/null; \
    make install >/dev/null; \
    mkdir -p /ffmpeg/application/native; \
    for lib in libavutil.so.59 libavcodec.so.61 libavformat.so.61 libswscale.so.8 libswresample.so.5; do \
      cp -L "/usr/local/lib/$lib" /ffmpeg/application/native/; \
    done; \
    strip --strip-unneeded /ffmpeg/application/native/*; \
    ldd /ffmpeg/application/native/libavcodec.so.61 | awk '$1 ~ /^libdav1d/ { print $3 }' \
      | while read -r lib; do cp --parents -L "$lib" /ffmpeg/; done; \
    find /ffmpeg -name 'libdav1d.so.*' | grep -q .; \
    chown -R 0:0 /ffmpeg; find /ffmpeg -exec touch --no-dereference --date=@0 {} +

# The C++ runtime, which JavaCPP's JNI libraries link.
FROM ${GLIBC_IMAGE} AS cxx-runtime
RUN set -eu; mkdir /cxx; \
    ldconfig -p | awk '$1 == "libstdc++.so.6" || $1 == "libgcc_s.so.1" { print $NF }' \
      | while read -r lib; do cp --parents -L "$lib" /cxx/; done

FROM service AS video-thumbnailer
COPY --from=cxx-runtime /cxx/ /
COPY --from=ffmpeg /ffmpeg/ /
