/* tandem-types.h
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

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TandemApplication   TandemApplication;
typedef struct _TandemWindow        TandemWindow;
typedef struct _TandemProject       TandemProject;
typedef struct _TandemFileItem      TandemFileItem;
typedef struct _TandemFileTree      TandemFileTree;
typedef struct _TandemRecentProjects TandemRecentProjects;
typedef struct _TandemDocument      TandemDocument;
typedef struct _TandemDraftStore    TandemDraftStore;
typedef struct _TandemEditorPage    TandemEditorPage;
typedef struct _TandemSession       TandemSession;

G_END_DECLS
