/* tandem-search-bar.h
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

G_BEGIN_DECLS

#define TANDEM_TYPE_SEARCH_BAR (tandem_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (TandemSearchBar, tandem_search_bar, TANDEM, SEARCH_BAR, GtkWidget)

GtkWidget              *tandem_search_bar_new                    (void);
GtkSourceView          *tandem_search_bar_get_view               (TandemSearchBar *self);
void                    tandem_search_bar_set_view               (TandemSearchBar *self,
                                                                  GtkSourceView   *view);
GtkSourceSearchContext *tandem_search_bar_get_context            (TandemSearchBar *self);
gboolean                tandem_search_bar_get_replace_mode       (TandemSearchBar *self);
void                    tandem_search_bar_set_replace_mode       (TandemSearchBar *self,
                                                                  gboolean         replace_mode);
const char             *tandem_search_bar_get_search_text        (TandemSearchBar *self);
void                    tandem_search_bar_set_search_text        (TandemSearchBar *self,
                                                                  const char      *text);
void                    tandem_search_bar_set_replace_text       (TandemSearchBar *self,
                                                                  const char      *text);
void                    tandem_search_bar_prefill_from_selection (TandemSearchBar *self);
void                    tandem_search_bar_focus_search           (TandemSearchBar *self);
const char             *tandem_search_bar_get_status             (TandemSearchBar *self);
void                    tandem_search_bar_next                   (TandemSearchBar *self);
void                    tandem_search_bar_previous               (TandemSearchBar *self);
void                    tandem_search_bar_replace                (TandemSearchBar *self);
void                    tandem_search_bar_replace_all            (TandemSearchBar *self);

G_END_DECLS
