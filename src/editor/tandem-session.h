/* tandem-session.h
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

/* The state of one open tab, as restored at the next start. */
typedef struct
{
  char  *uri;        /* nullable: an untitled buffer */
  char  *draft_id;   /* nullable: no unsaved changes */
  guint  line;
  guint  line_offset;
} TandemSessionTab;

/* The state of one project window. */
typedef struct
{
  char      *project_path;
  int        width;
  int        height;
  int        sidebar_width;
  guint      active_tab;
  gboolean   maximized;
  GPtrArray *tabs;   /* of TandemSessionTab */
} TandemSessionWindow;

#define TANDEM_SESSION_VERSION 1

TandemSessionTab    *tandem_session_tab_new        (const char                *uri,
                                                    const char                *draft_id,
                                                    guint                      line,
                                                    guint                      line_offset);
void                 tandem_session_tab_free       (TandemSessionTab          *tab);
TandemSessionWindow *tandem_session_window_new     (const char                *project_path);
void                 tandem_session_window_free    (TandemSessionWindow       *window);

char                *tandem_session_dup_path       (void);
GVariant            *tandem_session_serialize      (GPtrArray                 *windows);
GPtrArray           *tandem_session_deserialize    (GVariant                  *state,
                                                    GError                   **error);
gboolean             tandem_session_save           (GPtrArray                 *windows,
                                                    GError                   **error);
void                 tandem_session_save_async     (GPtrArray                 *windows,
                                                    GCancellable              *cancellable,
                                                    GAsyncReadyCallback        callback,
                                                    gpointer                   user_data);
gboolean             tandem_session_save_finish    (GAsyncResult              *result,
                                                    GError                   **error);
GPtrArray           *tandem_session_load           (GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSessionTab, tandem_session_tab_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSessionWindow, tandem_session_window_free)

G_END_DECLS
