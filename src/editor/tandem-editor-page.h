/* tandem-editor-page.h
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
#include <gtksourceview/gtksource.h>

#include "tandem-search-bar.h"
#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_EDITOR_PAGE (tandem_editor_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemEditorPage, tandem_editor_page, TANDEM, EDITOR_PAGE, GtkWidget)

TandemEditorPage *tandem_editor_page_new              (TandemDocument   *document);
TandemDocument   *tandem_editor_page_get_document     (TandemEditorPage *self);
GtkSourceView    *tandem_editor_page_get_view         (TandemEditorPage *self);
void              tandem_editor_page_show_search      (TandemEditorPage *self,
                                                       gboolean          replace);
void              tandem_editor_page_hide_search      (TandemEditorPage *self);
void              tandem_editor_page_show_goto_line   (TandemEditorPage *self);
void              tandem_editor_page_goto             (TandemEditorPage *self,
                                                       guint             line,
                                                       guint             line_offset);
void              tandem_editor_page_get_cursor       (TandemEditorPage *self,
                                                       guint            *line,
                                                       guint            *line_offset);
const GError     *tandem_editor_page_get_error        (TandemEditorPage *self);
TandemSearchBar  *tandem_editor_page_get_search_bar   (TandemEditorPage *self);
/* Shows a load failure (binary file, bad encoding, permission...) in place of the text. */
void              tandem_editor_page_show_error       (TandemEditorPage *self,
                                                       const GError     *error);

G_END_DECLS
