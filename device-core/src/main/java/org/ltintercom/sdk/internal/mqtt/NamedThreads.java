package org.ltintercom.sdk.internal.mqtt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code lt-<what>-<n>}, so a thread dump tells whose they are. */
final class NamedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);
    private final List<Thread> created = new CopyOnWriteArrayList<>();

    NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
        thread.setDaemon(true);
        created.removeIf(old -> !old.isAlive());
        created.add(thread);
        return thread;
    }

    /** Threads made by this factory that still run (Paho renames them, so names do not find them). */
    List<Thread> alive() {
        return created.stream().filter(Thread::isAlive).toList();
    }
}
