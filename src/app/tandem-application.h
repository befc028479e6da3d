/* tandem-application.h
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

G_BEGIN_DECLS

#define TANDEM_TYPE_APPLICATION (tandem_application_get_type ())

G_DECLARE_FINAL_TYPE (TandemApplication, tandem_application, TANDEM, APPLICATION, AdwApplication)

TandemApplication    *tandem_application_new                   (void);
TandemRecentProjects *tandem_application_get_recent_projects   (TandemApplication *self);
TandemWindow         *tandem_application_open_project          (TandemApplication *self,
                                                                GFile             *folder,
                                                                TandemWindow      *reuse);
TandemWindow         *tandem_application_find_project_window   (TandemApplication *self,
                                                                GFile             *folder);
void                  tandem_application_queue_session_save    (TandemApplication *self);
void                  tandem_application_save_session          (TandemApplication *self,
                                                                TandemWindow      *closing);
gboolean              tandem_application_get_quitting          (TandemApplication *self);

G_END_DECLS
