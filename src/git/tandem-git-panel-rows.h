/* tandem-git-panel-rows.h
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

#include <gtk/gtk.h>

#include "tandem-git-types.h"

G_BEGIN_DECLS

const char *_tandem_git_panel_section_title (TandemGitSection  section);
GtkWidget  *_tandem_git_panel_create_row    (gpointer          item,
                                             gpointer          user_data);
void        _tandem_git_panel_sync_rows     (GListStore       *rows,
                                             GListModel       *files,
                                             guint             max_rows);

G_END_DECLS
