/* tandem-terminal-utils.h
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

G_BEGIN_DECLS

/* Helpers of the terminal area that need neither a display nor VTE. */

gboolean   tandem_terminal_in_flatpak               (void);
char     **tandem_terminal_build_environ            (const char * const  *base_env);
char     **tandem_terminal_build_host_argv          (const char * const  *argv,
                                                     const char          *directory,
                                                     const char * const  *env,
                                                     const int           *forward_fds,
                                                     guint                n_forward_fds);
char      *tandem_terminal_parse_passwd_shell       (const char          *passwd);
char      *tandem_terminal_dup_local_shell          (const char          *preferred);
void       tandem_terminal_find_host_shell_async    (GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char      *tandem_terminal_find_host_shell_finish   (GAsyncResult        *result,
                                                     GError             **error);
gboolean   tandem_terminal_parse_reference          (const char          *text,
                                                     char               **path,
                                                     int                 *line,
                                                     int                 *column);
const char *tandem_terminal_get_reference_pattern   (void);
const char *tandem_terminal_get_url_pattern         (void);
char      *tandem_terminal_format_exit              (int                  wait_status,
                                                     gboolean             is_command,
                                                     gint64               duration_usec);

G_END_DECLS
