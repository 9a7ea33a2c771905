package org.heard.kit.axon;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Aggregate locks that are held until the transaction that changed the aggregate ends. Axon releases an aggregate's
 * lock when its unit of work is cleaned up; when the command runs inside a longer transaction (an idempotent
 * request's), that is before the transaction commits. Another command on the same aggregate would then start from
 * state that is not committed and may still roll back, or wait in PostgreSQL for the first transaction while holding
 * the lock that transaction needs for its next command (a deadlock neither side can see). Here the release is put off
 * to the end of the transaction that is active when Axon releases the lock; without one it happens at once.
 * Waiting for a lock is bounded by the delegate (Axon's {@code PessimisticLockFactory}, which also detects deadlocks
 * between threads).
 */
public final class TransactionScopedLockFactory implements LockFactory {

    private final LockFactory delegate;

    public TransactionScopedLockFactory(LockFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Lock obtainLock(String identifier) {
        Lock lock = delegate.obtainLock(identifier);
        return new Lock() {
            @Override
            public void release() {
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        /** After {@link TransactionBoundCache} has evicted what a rollback left behind. */
                        @Override
                        public int getOrder() {
                            return Ordered.LOWEST_PRECEDENCE;
                        }

                        @Override
                        public void afterCompletion(int status) {
                            lock.release();
                        }
                    });
                } else {
                    lock.release();
                }
            }

            @Override
            public boolean isHeld() {
                return lock.isHeld();
            }
        };
    }
}
