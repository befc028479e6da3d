/* tandem-file-ops.h
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

#include "tandem-project-error.h"
#include "tandem-trashed-file.h"

G_BEGIN_DECLS

gboolean           tandem_file_ops_validate_name        (const char           *name,
                                                         GError              **error);
void               tandem_file_ops_create_file_async    (GFile                *parent,
                                                         const char           *name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GFile             *tandem_file_ops_create_file_finish   (GAsyncResult         *result,
                                                         GError              **error);
void               tandem_file_ops_create_folder_async  (GFile                *parent,
                                                         const char           *name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GFile             *tandem_file_ops_create_folder_finish (GAsyncResult         *result,
                                                         GError              **error);
void               tandem_file_ops_rename_async         (GFile                *file,
                                                         const char           *new_name,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GFile             *tandem_file_ops_rename_finish        (GAsyncResult         *result,
                                                         GError              **error);
void               tandem_file_ops_trash_async          (GFile                *file,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
TandemTrashedFile *tandem_file_ops_trash_finish         (GAsyncResult         *result,
                                                         GError              **error);
void               tandem_file_ops_restore_async        (TandemTrashedFile    *trashed,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GFile             *tandem_file_ops_restore_finish       (GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
