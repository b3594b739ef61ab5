package mlp.jupyter;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

import java.lang.reflect.Field;

/**
 * A shell (or control) channel that answers at once. jjava's own polls without waiting, then
 * sleeps 50 ms, so every request waited 25 ms on average and a trivial cell took ~65 ms; this
 * one waits in the poll itself (woken by the message), so it neither spins nor lags.
 * {@link #install} swaps it into a connection before it connects; if jjava's insides ever
 * differ, the connection keeps its own channels.
 */
final class PromptShellChannel extends ShellChannel {
    private static final int POLL_MS = 200; // how soon a closed channel's thread notices
    private final boolean isControl;
    private final JupyterConnection connection;
    private volatile boolean running;
    private Thread loop;

    private PromptShellChannel(ZMQ.Context ctx, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(ctx, hmac, isControl, connection);
        this.isControl = isControl;
        this.connection = connection;
    }

    /** Puts prompt channels in place of the connection's shell and control channels (before connect). */
    static void install(JupyterConnection connection) {
        try {
            for (String name : new String[]{"shell", "control"}) {
                Field f = JupyterConnection.class.getDeclaredField(name);
                f.setAccessible(true);
                ShellChannel old = (ShellChannel) f.get(connection);
                ZMQ.Context ctx = (ZMQ.Context) read(old, "ctx");
                HMACGenerator hmac = (HMACGenerator) read(old, "hmacGenerator");
                f.set(connection, new PromptShellChannel(ctx, hmac, name.equals("control"), connection));
                old.close(); // never bound: closing it frees it
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another jjava: its own channels work, only slower
        }
    }

    private static Object read(Object socket, String name) throws ReflectiveOperationException {
        Field f = JupyterSocket.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(socket);
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        bind(props.getTransport() + "://" + props.getIp() + ":" + (isControl ? props.getControlPort() : props.getShellPort()));
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        running = true;
        loop = new Thread(() -> {
            while (running) {
                if (poller.poll(POLL_MS) > 0 && running) handle(readMessage());
            }
        }, isControl ? "mlp-control" : "mlp-shell");
        loop.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Message<?> message) {
        if (message == null) return;
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) return;
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            // as jjava: a failing handler is not the end of the kernel
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) connection.close();
    }

    @Override
    public void close() {
        running = false;
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2L * POLL_MS); // its poll ends before its socket closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t == null) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
