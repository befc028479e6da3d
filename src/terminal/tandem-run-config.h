/* tandem-run-config.h
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

/* The run command of a project, kept in `$XDG_CONFIG_HOME/tandem/projects/<hash>.ini`
 * (never inside the project), and the command guessed from the project's files. */

char     *tandem_run_config_dup_path       (GFile                *root);
char     *tandem_run_config_detect         (GFile                *root,
                                            GCancellable         *cancellable);
char     *tandem_run_config_load           (GFile                *root,
                                            gboolean             *saved,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean  tandem_run_config_save           (GFile                *root,
                                            const char           *command,
                                            GError              **error);
void      tandem_run_config_load_async     (GFile                *root,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *tandem_run_config_load_finish    (GAsyncResult         *result,
                                            gboolean             *saved,
                                            GError              **error);
void      tandem_run_config_save_async     (GFile                *root,
                                            const char           *command,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  tandem_run_config_save_finish    (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
