/* tandem-ai-preferences-page.h
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

G_BEGIN_DECLS

#define TANDEM_AI_TYPE_PREFERENCES_PAGE (tandem_ai_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiPreferencesPage, tandem_ai_preferences_page, TANDEM_AI, PREFERENCES_PAGE, AdwPreferencesPage)

/* The module entry point: tandem_module_lookup ("ai", "tandem_ai_preferences_page_new"). */
typedef GtkWidget *(*TandemAiPreferencesPageNew) (void);

GtkWidget *tandem_ai_preferences_page_new (void);

G_END_DECLS
