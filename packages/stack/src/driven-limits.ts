/**
 * Limits lifted for a stack that tests and benchmarks drive from this one machine: every
 * request of a test run comes from 127.0.0.1, so per-address and per-user budgets meant for
 * one person would throttle the run itself. The limits keep their defaults everywhere else; the
 * security tests start processes of their own with the defaults to prove them.
 */
export const DRIVEN_STACK_LIMITS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  gateway: {
    RATE_LIMIT_USER_POINTS: '10000000',
    RATE_LIMIT_IP_POINTS: '10000000',
    WS_MAX_SOCKETS_PER_USER: '1000',
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '10000',
    WS_CONNECT_ATTEMPTS_PER_IP: '100000',
  },
  users: {
    SIGNUP_IP_MAX_ATTEMPTS: '1000000',
    RESET_REQUEST_IP_MAX_ATTEMPTS: '1000000',
    ACCOUNT_LINK_IP_MAX_ATTEMPTS: '1000000',
    PASSWORD_HASH_MAX_QUEUE: '10000',
    PASSWORD_HASH_MAX_WAIT_MS: '60000',
  },
};
