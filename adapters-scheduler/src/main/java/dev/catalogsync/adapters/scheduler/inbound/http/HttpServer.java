package dev.catalogsync.adapters.scheduler.inbound.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP server: Jetty 12 core answering from a table of {@link HttpRoute}s. New endpoints are new
 * routes; this class only binds, limits and stops.
 *
 * <p>It faces clients that may be slow or hostile, so everything it holds for them is bounded:
 * <ul>
 *   <li><b>threads</b>: Jetty reads request lines, headers and (see {@link HttpRoute}) bodies without a thread per
 *       connection, so a client that sends half a request holds a socket, not a thread, until {@link #IDLE_TIMEOUT}
 *       closes it; at most {@link #MAX_THREADS} threads run, routes on all but the acceptor and the selector;</li>
 *   <li><b>connections</b>: at most {@link #MAX_CONNECTIONS} at once; past that, new ones wait in the operating
 *       system's backlog until one closes;</li>
 *   <li><b>slow senders</b>: a body must arrive whole within {@link Limits#bodyDeadline()} of its headers (408
 *       otherwise), however little it pauses between bytes;</li>
 *   <li><b>work</b>: once its body is read, a request takes a turn: at most {@link Limits#maxConcurrentRequests()}
 *       run routes at once, at most {@link Limits#maxWaitingRequests()} wait (without a thread) for up to
 *       {@link Limits#maxWait()}, and the others are answered 503 with {@code Retry-After} at once. A probe
 *       ({@code /health}) skips the queue: it answers from memory, so a busy server stays visibly alive;</li>
 *   <li><b>Jetty's own queue</b>: the pool's job queue is left unbounded, as Jetty requires: its own tasks
 *       (completing a write, closing a connection) must never be rejected, and 12.1 warns at start when the queue
 *       is bounded. The connection limit bounds it (an HTTP/1.1 connection has at most one request in progress),
 *       and the work limit above bounds what reaches the routes;</li>
 *   <li><b>sizes</b>: the request line and headers at most {@link #MAX_REQUEST_HEADER_BYTES} (431 otherwise),
 *       bodies at most the route's limit (413).</li>
 * </ul>
 *
 * <p>Who may use which route is the {@link HttpAccess} it is started with, applied by the server to every route by
 * its {@link HttpRoute.Access}.
 *
 * <p>Every thread it starts is a daemon named {@value #THREAD_NAME_PREFIX}-..., and {@link #close()} returns once
 * they have all ended.
 */
public final class HttpServer implements AutoCloseable {

    /** Every thread of the server is named so: its pool threads, the acceptor and selector among them, and the scheduler. */
    public static final String THREAD_NAME_PREFIX = "catalog-sync-http";

    /** A connection that sends or receives nothing for this long is closed, half a request line or not. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    /** The most threads the server runs: one acceptor, one selector, and the rest for requests. */
    public static final int MAX_THREADS = 16;

    /** Threads kept while idle. */
    public static final int MIN_THREADS = 2;

    /**
     * Connections open at once: far more than the host application's callers, a metrics scraper and an operator
     * need, far fewer than the file descriptors the process has (the database pool needs some too).
     */
    public static final int MAX_CONNECTIONS = 512;

    /** The request line and headers together; larger is refused with 431 before any route sees it. */
    public static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    /** Response headers; ours are a handful. */
    public static final int MAX_RESPONSE_HEADER_BYTES = 8 * 1024;

    /** How long {@link #close()} lets requests in progress finish before their connections are closed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Once {@link #close()} starts, a connection idle this long is closed: keep-alive connections go at once
     * instead of holding the stop for {@link #STOP_TIMEOUT}. A request being handled is not cut short by it.
     */
    private static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofMillis(100);

    /**
     * Once the connections are closed, how long threads still running a route get before they are interrupted
     * (half of it) and then left behind with a warning: {@link #close()} takes at most about two seconds.
     */
    private static final Duration THREADS_STOP_TIMEOUT = Duration.ofMillis(500);

    private static final int ACCEPTORS = 1;
    private static final int SELECTORS = 1;
    /** Idle pool threads above {@link #MIN_THREADS} end after this long. */
    private static final Duration THREAD_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Server server;
    private final NamedThreadPool threads;
    private final ScheduledThreadPoolExecutor timers;
    private final InetSocketAddress address;
    private final RouteTable table;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpServer(
            Server server,
            NamedThreadPool threads,
            ScheduledThreadPoolExecutor timers,
            InetSocketAddress address,
            RouteTable table) {
        this.server = server;
        this.threads = threads;
        this.timers = timers;
        this.address = address;
        this.table = table;
    }

    /**
     * How much work the server takes on at once, and how long it waits for a slow body.
     *
     * @param maxConcurrentRequests requests running routes at once
     * @param maxWaitingRequests requests waiting for a turn; 0 answers 503 at once when all turns are taken
     * @param maxWait the longest a request waits for its turn before it is answered 503
     * @param bodyDeadline the longest a request's body may take to arrive, from its headers
     */
    public record Limits(int maxConcurrentRequests, int maxWaitingRequests, Duration maxWait, Duration bodyDeadline) {

        /**
         * Half the pool's threads run routes, leaving the rest to Jetty's own work (reading bodies, writing
         * answers), the acceptor, the selector and probes; 64 waiting requests hold at most 4 MiB of hook bodies.
         */
        public static final Limits DEFAULT =
                new Limits(MAX_THREADS / 2, 64, Duration.ofSeconds(5), Duration.ofSeconds(10));

        public Limits {
            Objects.requireNonNull(maxWait, "maxWait");
            Objects.requireNonNull(bodyDeadline, "bodyDeadline");
            if (maxConcurrentRequests < 1 || maxConcurrentRequests > MAX_THREADS - 2) {
                throw new IllegalArgumentException("maxConcurrentRequests must be between 1 and " + (MAX_THREADS - 2)
                        + " (the pool's threads but the acceptor and the selector), was " + maxConcurrentRequests);
            }
            if (maxWaitingRequests < 0) {
                throw new IllegalArgumentException("maxWaitingRequests cannot be negative, was " + maxWaitingRequests);
            }
            if (maxWait.isNegative() || maxWait.isZero() || bodyDeadline.isNegative() || bodyDeadline.isZero()) {
                throw new IllegalArgumentException(
                        "maxWait and bodyDeadline must be positive, were " + maxWait + " and " + bodyDeadline);
            }
        }
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and serves {@code routes} to every client: for a loopback
     * address only, see {@link HttpAccess#WITHOUT_TOKEN}.
     *
     * @throws IOException when the address cannot be bound (the port is taken, the host is unknown); nothing is
     *     left running
     * @throws IllegalArgumentException when two routes answer the same method and path, or the address is not a
     *     loopback one
     */
    public static HttpServer start(InetSocketAddress address, List<HttpRoute> routes) throws IOException {
        return start(address, routes, HttpAccess.WITHOUT_TOKEN, Limits.DEFAULT);
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and serves {@code routes} to the clients {@code access}
     * lets in.
     *
     * @throws IOException when the address cannot be bound (the port is taken, the host is unknown); nothing is
     *     left running
     * @throws IllegalArgumentException when two routes answer the same method and path, or {@code access} has no
     *     token and the address is not a loopback one
     */
    public static HttpServer start(InetSocketAddress address, List<HttpRoute> routes, HttpAccess access)
            throws IOException {
        return start(address, routes, access, Limits.DEFAULT);
    }

    /** As {@link #start(InetSocketAddress, List, HttpAccess)}, with limits of its own. */
    public static HttpServer start(InetSocketAddress address, List<HttpRoute> routes, HttpAccess access, Limits limits)
            throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(limits, "limits");
        RouteTable table = new RouteTable(List.copyOf(routes), new RequestGuard(access), limits);
        if (address.isUnresolved()) {
            throw new IOException("unknown host " + address.getHostString());
        }
        access.checkBinding(address.getAddress());
        NamedThreadPool threads = new NamedThreadPool();
        AtomicInteger timerThreads = new AtomicInteger();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME_PREFIX + "-scheduler-" + timerThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        Server server = new Server(threads, new ScheduledExecutorScheduler(timers), null);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setStopAtShutdown(false);
        server.setErrorHandler(new JsonErrorHandler());

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setResponseHeaderSize(MAX_RESPONSE_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(http));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setHandler(table);

        try {
            server.start();
            InetSocketAddress bound =
                    (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
            return new HttpServer(server, threads, timers, bound, table);
        } catch (Exception e) {
            // Whatever started before the failure (the pool, the scheduler) stops with it.
            new HttpServer(server, threads, timers, address, table).close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            // The socket's own words ("Address already in use"), not Jetty's "Failed to bind to ...".
            throw new IOException(rootMessage(e), e);
        }
    }

    /** Where it listens, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** Requests whose body is read and that wait for their turn to run now (see {@link Limits}). */
    public int requestsWaiting() {
        return table.waiting();
    }

    /** {@code 10 s}, {@code 250 ms}: a duration as an error message gives it. */
    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * Stops accepting at once and closes idle connections; requests in progress get up to {@link #STOP_TIMEOUT} to
     * finish, then their connections are closed and their threads interrupted. Returns once every thread of the
     * server has ended, within about two seconds whatever a route does (a thread that does not end by then is
     * left, a daemon, with a warning naming it). Closing twice is harmless.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } catch (TimeoutException e) {
            // Jetty stopped everything all the same: the connections still busy were closed.
            LOG.info("the HTTP server closed connections still busy after {} ms", STOP_TIMEOUT.toMillis());
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed: {}", e.toString());
        }
        timers.shutdownNow();
        long deadline = System.nanoTime() + THREADS_STOP_TIMEOUT.toNanos();
        try {
            timers.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS);
            for (Thread thread : threads.started()) {
                TimeUnit.NANOSECONDS.timedJoin(thread, remaining(deadline));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.started().stream()
                .filter(Thread::isAlive)
                .forEach(thread -> LOG.warn("HTTP thread {} still runs after the server stopped", thread.getName()));
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? failure.toString() : root.getMessage();
    }

    /** Jetty's pool, at most {@link #MAX_THREADS} daemon threads named {@link #THREAD_NAME_PREFIX}, remembering them to join on close. */
    private static final class NamedThreadPool extends QueuedThreadPool {

        private final Set<Thread> started = ConcurrentHashMap.newKeySet();

        NamedThreadPool() {
            super(MAX_THREADS, MIN_THREADS, (int) THREAD_IDLE_TIMEOUT.toMillis());
            setName(THREAD_NAME_PREFIX);
            setDaemon(true);
            setStopTimeout(THREADS_STOP_TIMEOUT.toMillis());
        }

        @Override
        public Thread newThread(Runnable runnable) {
            started.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
            Thread thread = super.newThread(runnable);
            started.add(thread);
            return thread;
        }

        Set<Thread> started() {
            return Set.copyOf(started);
        }
    }
}
