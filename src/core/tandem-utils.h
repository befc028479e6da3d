/* tandem-utils.h
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

char     *tandem_dup_state_dir      (void);
char     *tandem_dup_data_dir       (void);
char     *tandem_dup_config_dir     (void);
gboolean  tandem_write_file_atomic  (const char    *path,
                                     const char    *contents,
                                     gssize         length,
                                     GError       **error);
gboolean  tandem_ensure_parent_dir  (const char    *path,
                                     GError       **error);
char     *tandem_path_for_display   (GFile         *file);
/* Initialises libgit2 once for the process (any thread). */
void      tandem_ensure_libgit2     (void);

G_END_DECLS
