/* tandem-markdown-view.h
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

G_BEGIN_DECLS

#define TANDEM_TYPE_MARKDOWN_VIEW (tandem_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (TandemMarkdownView, tandem_markdown_view, TANDEM, MARKDOWN_VIEW, GtkWidget)

GtkWidget  *tandem_markdown_view_new              (void);
void        tandem_markdown_view_set_text         (TandemMarkdownView *self,
                                                   const char         *markdown);
const char *tandem_markdown_view_get_text         (TandemMarkdownView *self);
void        tandem_markdown_view_set_streaming    (TandemMarkdownView *self,
                                                   gboolean            streaming);
guint       tandem_markdown_view_get_n_blocks     (TandemMarkdownView *self);
GtkWidget  *tandem_markdown_view_get_block        (TandemMarkdownView *self,
                                                   guint               index);
char       *tandem_markdown_render_inline_markup  (const char         *markdown);

G_END_DECLS
