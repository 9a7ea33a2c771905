package org.heard.kit.axon;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's aggregate cache, made to forget what a rolled-back transaction wrote into it. Axon evicts an aggregate when
 * its own unit of work rolls back; but a command may run inside a longer transaction (an idempotent request's) that
 * rolls back after the unit of work committed, or rolls back to a savepoint. Then the cache would hold a state whose
 * events were never stored, and the next command would decide on it and append after a gap. Every aggregate put
 * while a Spring transaction is active is evicted again when that transaction does not commit or rolls back to a
 * savepoint. (Other threads cannot read the state before the commit: {@link TransactionScopedLockFactory} keeps the
 * aggregate locked until then.)
 */
public final class TransactionBoundCache implements Cache {

    private final Cache delegate;

    public TransactionBoundCache(Cache delegate) {
        this.delegate = delegate;
    }

    @Override
    public <K, V> V get(K key) {
        return delegate.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        remember(key);
        delegate.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        remember(key);
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        remember(key);
        return delegate.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        remember(key);
        delegate.computeIfPresent(key, update);
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }

    private void remember(Object key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Writes writes = (Writes) TransactionSynchronizationManager.getResource(this);
        if (writes == null) {
            writes = new Writes();
            TransactionSynchronizationManager.bindResource(this, writes);
            TransactionSynchronizationManager.registerSynchronization(writes);
        }
        writes.keys.add(key);
    }

    /** The aggregates one transaction put into the cache. */
    private final class Writes implements TransactionSynchronization {

        private final Set<Object> keys = ConcurrentHashMap.newKeySet();

        /** Before the aggregate locks are released, so that nobody reads a state that is being evicted. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(TransactionBoundCache.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(TransactionBoundCache.this, this);
        }

        @Override
        public void savepointRollback(Object savepoint) {
            evict(); // conservative: also what was put before the savepoint, which the next load reads again
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBoundCache.this);
            if (status != STATUS_COMMITTED) {
                evict();
            }
        }

        private void evict() {
            keys.forEach(delegate::remove);
            keys.clear();
        }
    }
}
