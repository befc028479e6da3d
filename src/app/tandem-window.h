/* tandem-window.h
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

#include <adwaita.h>

#include "tandem-types.h"
#include "tandem-session.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_WINDOW (tandem_window_get_type ())

G_DECLARE_FINAL_TYPE (TandemWindow, tandem_window, TANDEM, WINDOW, AdwApplicationWindow)

TandemWindow        *tandem_window_new                 (TandemApplication   *application);
void                 tandem_window_open_project        (TandemWindow        *self,
                                                        GFile               *folder);
GFile               *tandem_window_get_project_root    (TandemWindow        *self);
TandemFileTree      *tandem_window_get_file_tree       (TandemWindow        *self);
TandemEditorPage    *tandem_window_open_file           (TandemWindow        *self,
                                                        GFile               *file,
                                                        int                  line,
                                                        int                  line_offset);
TandemEditorPage    *tandem_window_get_active_page     (TandemWindow        *self);
GPtrArray           *tandem_window_list_pages          (TandemWindow        *self);
GPtrArray           *tandem_window_list_modified       (TandemWindow        *self);
void                 tandem_window_restore_session     (TandemWindow        *self,
                                                        TandemSessionWindow *state);
TandemSessionWindow *tandem_window_capture_session     (TandemWindow        *self);
void                 tandem_window_add_toast           (TandemWindow        *self,
                                                        const char          *message);

G_END_DECLS
