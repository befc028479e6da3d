/* tandem-project-error-private.h
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

#include "tandem-project-error.h"

G_BEGIN_DECLS

/* Reasons given to the user after a failed operation; %s is the file's display name. */
typedef enum
{
  TANDEM_PROJECT_OP_CREATE_FILE,
  TANDEM_PROJECT_OP_CREATE_FOLDER,
  TANDEM_PROJECT_OP_RENAME,
  TANDEM_PROJECT_OP_TRASH,
  TANDEM_PROJECT_OP_RESTORE,
  TANDEM_PROJECT_OP_LIST,
} TandemProjectOp;

GError *_tandem_project_error_from_io (const GError    *error,
                                       TandemProjectOp  op,
                                       const char      *name);

G_END_DECLS
