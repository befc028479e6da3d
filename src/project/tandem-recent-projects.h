/* tandem-recent-projects.h
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

#include "tandem-recent-project.h"
#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_RECENT_PROJECTS (tandem_recent_projects_get_type ())
#define TANDEM_RECENT_PROJECTS_MAX  20

G_DECLARE_FINAL_TYPE (TandemRecentProjects, tandem_recent_projects, TANDEM, RECENT_PROJECTS, GObject)

TandemRecentProjects *tandem_recent_projects_new          (void);
void                  tandem_recent_projects_add          (TandemRecentProjects  *self,
                                                           GFile                 *folder);
void                  tandem_recent_projects_remove       (TandemRecentProjects  *self,
                                                           GFile                 *folder);
void                  tandem_recent_projects_flush_async  (TandemRecentProjects  *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
gboolean              tandem_recent_projects_flush_finish (TandemRecentProjects  *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

G_END_DECLS
