/* tandem-ai-provider-list.h
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

#include "tandem-ai-provider-config.h"

G_BEGIN_DECLS

#define TANDEM_AI_TYPE_PROVIDER_LIST (tandem_ai_provider_list_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiProviderList, tandem_ai_provider_list, TANDEM_AI, PROVIDER_LIST, GObject)

TandemAiProviderList   *tandem_ai_provider_list_new           (GSettingsBackend      *backend);
TandemAiProviderConfig *tandem_ai_provider_list_add           (TandemAiProviderList  *self,
                                                               TandemAiProviderKind   kind);
TandemAiProviderConfig *tandem_ai_provider_list_find          (TandemAiProviderList  *self,
                                                               const char            *id);
void                    tandem_ai_provider_list_remove_async  (TandemAiProviderList  *self,
                                                               const char            *id,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean                tandem_ai_provider_list_remove_finish (TandemAiProviderList  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
gboolean                tandem_ai_provider_list_move          (TandemAiProviderList  *self,
                                                               guint                  from,
                                                               guint                  to);

G_END_DECLS
