// preview1 sock_*: no network is ever granted, so there are no sockets to act on.

import { wasiFn } from './context.ts';
import { Errno } from './errno.ts';

export const sockFunctions = [
  wasiFn('sock_accept', ['fd', 'flags', 'result_fd'], () => Errno.NOTSUP),
  wasiFn('sock_recv', ['fd', 'ri_data', 'ri_data_len', 'ri_flags', 'ro_datalen', 'ro_flags'], () => Errno.NOTSUP),
  wasiFn('sock_send', ['fd', 'si_data', 'si_data_len', 'si_flags', 'so_datalen'], () => Errno.NOTSUP),
  wasiFn('sock_shutdown', ['fd', 'how'], () => Errno.NOTSUP),
];
