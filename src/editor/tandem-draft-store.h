/* tandem-draft-store.h
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

#include "tandem-types.h"

G_BEGIN_DECLS

/* Version of the on-disk draft format: a little-endian GVariant of type a{sv}. */
#define TANDEM_DRAFT_STORE_VERSION 1

char      *tandem_draft_store_dup_dir         (void);
char      *tandem_draft_store_dup_path        (const char           *draft_id);
gboolean   tandem_draft_store_is_valid_id     (const char           *draft_id);
GVariant  *tandem_draft_store_new_state       (const char           *uri,
                                               const char           *project,
                                               const char           *title,
                                               const char           *text);
GVariant  *tandem_draft_store_new_state_take  (const char           *uri,
                                               const char           *project,
                                               const char           *title,
                                               char                 *text);
gboolean   tandem_draft_store_write           (const char           *draft_id,
                                               GVariant             *state,
                                               GError              **error);
GVariant  *tandem_draft_store_read            (const char           *draft_id,
                                               GError              **error);
void       tandem_draft_store_delete          (const char           *draft_id);
GPtrArray *tandem_draft_store_list            (GFile                *project_root);
void       tandem_draft_store_list_async      (GFile                *project_root,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *tandem_draft_store_list_finish     (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
