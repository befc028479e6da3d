/* tandem-ai-conversation-store.h
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

#include "tandem-ai-conversation.h"

G_BEGIN_DECLS

#define TANDEM_AI_TYPE_CONVERSATION_INFO (tandem_ai_conversation_info_get_type ())
#define TANDEM_AI_TYPE_CONVERSATION_STORE (tandem_ai_conversation_store_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiConversationInfo, tandem_ai_conversation_info, TANDEM_AI, CONVERSATION_INFO, GObject)
G_DECLARE_FINAL_TYPE (TandemAiConversationStore, tandem_ai_conversation_store, TANDEM_AI, CONVERSATION_STORE, GObject)

const char                *tandem_ai_conversation_info_get_id        (TandemAiConversationInfo  *self);
const char                *tandem_ai_conversation_info_get_title     (TandemAiConversationInfo  *self);
gint64                     tandem_ai_conversation_info_get_updated   (TandemAiConversationInfo  *self);
gboolean                   tandem_ai_conversation_info_get_damaged   (TandemAiConversationInfo  *self);
const char                *tandem_ai_conversation_info_get_error     (TandemAiConversationInfo  *self);

TandemAiConversationStore *tandem_ai_conversation_store_new          (const char                *root);
char                      *tandem_ai_conversation_store_dup_path     (TandemAiConversationStore *self,
                                                                      const char                *project_path,
                                                                      const char                *id);
void                       tandem_ai_conversation_store_save_async   (TandemAiConversationStore *self,
                                                                      TandemAiConversation      *conversation,
                                                                      GCancellable              *cancellable,
                                                                      GAsyncReadyCallback        callback,
                                                                      gpointer                   user_data);
gboolean                   tandem_ai_conversation_store_save_finish  (TandemAiConversationStore *self,
                                                                      GAsyncResult              *result,
                                                                      GError                   **error);
void                       tandem_ai_conversation_store_track        (TandemAiConversationStore *self,
                                                                      TandemAiConversation      *conversation);
void                       tandem_ai_conversation_store_load_async   (TandemAiConversationStore *self,
                                                                      const char                *project_path,
                                                                      const char                *id,
                                                                      GCancellable              *cancellable,
                                                                      GAsyncReadyCallback        callback,
                                                                      gpointer                   user_data);
TandemAiConversation      *tandem_ai_conversation_store_load_finish  (TandemAiConversationStore *self,
                                                                      GAsyncResult              *result,
                                                                      GError                   **error);
void                       tandem_ai_conversation_store_list_async   (TandemAiConversationStore *self,
                                                                      const char                *project_path,
                                                                      GCancellable              *cancellable,
                                                                      GAsyncReadyCallback        callback,
                                                                      gpointer                   user_data);
GListModel                *tandem_ai_conversation_store_list_finish  (TandemAiConversationStore *self,
                                                                      GAsyncResult              *result,
                                                                      GError                   **error);
void                       tandem_ai_conversation_store_rename_async (TandemAiConversationStore *self,
                                                                      const char                *project_path,
                                                                      const char                *id,
                                                                      const char                *title,
                                                                      GCancellable              *cancellable,
                                                                      GAsyncReadyCallback        callback,
                                                                      gpointer                   user_data);
gboolean                   tandem_ai_conversation_store_rename_finish (TandemAiConversationStore *self,
                                                                       GAsyncResult              *result,
                                                                       GError                   **error);
void                       tandem_ai_conversation_store_delete_async (TandemAiConversationStore *self,
                                                                      const char                *project_path,
                                                                      const char                *id,
                                                                      GCancellable              *cancellable,
                                                                      GAsyncReadyCallback        callback,
                                                                      gpointer                   user_data);
gboolean                   tandem_ai_conversation_store_delete_finish (TandemAiConversationStore *self,
                                                                       GAsyncResult              *result,
                                                                       GError                   **error);

G_END_DECLS
