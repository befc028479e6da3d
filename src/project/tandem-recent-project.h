/* tandem-recent-project.h
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

#define TANDEM_TYPE_RECENT_PROJECT (tandem_recent_project_get_type ())

G_DECLARE_FINAL_TYPE (TandemRecentProject, tandem_recent_project, TANDEM, RECENT_PROJECT, GObject)

TandemRecentProject *tandem_recent_project_new                  (GFile               *file,
                                                                 gint64               last_opened);
GFile               *tandem_recent_project_get_file             (TandemRecentProject *self);
const char          *tandem_recent_project_get_name             (TandemRecentProject *self);
const char          *tandem_recent_project_get_path_for_display (TandemRecentProject *self);
gint64               tandem_recent_project_get_last_opened      (TandemRecentProject *self);

G_END_DECLS
