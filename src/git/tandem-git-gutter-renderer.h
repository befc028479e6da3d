/* tandem-git-gutter-renderer.h
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

#include <gtksourceview/gtksource.h>

#include "tandem-git-repository.h"

G_BEGIN_DECLS

/* Marks added (green bar), changed (blue bar) and deleted (red triangle) lines against
 * HEAD in an editor's left gutter, updated as the buffer changes and when HEAD moves
 * (the repository's "status-changed"). */

#define TANDEM_TYPE_GIT_GUTTER_RENDERER (tandem_git_gutter_renderer_get_type ())
G_DECLARE_FINAL_TYPE (TandemGitGutterRenderer, tandem_git_gutter_renderer, TANDEM, GIT_GUTTER_RENDERER, GtkSourceGutterRenderer)

/* Creates the renderer and inserts it into @view's left gutter. */
TandemGitGutterRenderer *tandem_git_gutter_renderer_attach    (GtkSourceView       *view,
                                                               TandemGitRepository *repository,
                                                               const char          *relative_path);
/* The marks shown now (a GArray of TandemGitLineMark); for tests and benchmarks. */
GArray                  *tandem_git_gutter_renderer_get_marks (TandemGitGutterRenderer *self);

G_END_DECLS
