/* git-test-workers.h
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tandem-test.h"

/* The number of threads of this process. */
static inline guint
git_test_count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Call at the end of main(): lets the git workers (GTask threads running libgit2, and
 * the callbacks they queued) finish, and waits until no thread is starting or ending.
 * A GLib pool thread idles half a second before it ends; LeakSanitizer must not stop
 * the world at exit while one is ending. Leaks are not hidden: what the workers still
 * hold is released by their callbacks here, and anything else is still reported. */
static inline void
git_test_wait_workers (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint last = 0;
  guint stable = 0;

  g_thread_pool_set_max_unused_threads (0);
  /* Unchanged for 0.8 s: longer than a pool thread idles before it ends. */
  while (stable < 8 && g_get_monotonic_time () < deadline)
    {
      guint n;

      tandem_test_spin (100);
      g_thread_pool_stop_unused_threads ();
      n = git_test_count_threads ();
      stable = n == last ? stable + 1 : 0;
      last = n;
    }
}
