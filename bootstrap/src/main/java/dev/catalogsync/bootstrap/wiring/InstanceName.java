package dev.catalogsync.bootstrap.wiring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * This process's name among the instances on one database: {@code host-pid}, as the scheduler's {@code picked_by},
 * the instance heartbeat and the console carry it. Asked for on first use only: naming the host can wait on DNS,
 * and a one-shot command never needs the name.
 */
public final class InstanceName implements Supplier<String> {

    private String name;

    @Override
    public synchronized String get() {
        if (name == null) {
            name = hostName() + "-" + ProcessHandle.current().pid();
        }
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "catalog-sync";
        }
    }
}
