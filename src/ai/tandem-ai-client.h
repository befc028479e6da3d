/* tandem-ai-client.h
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

#include <libsoup/soup.h>

#include "tandem-ai-event.h"
#include "tandem-ai-provider.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_AI_CLIENT (tandem_ai_client_get_type ())

G_DECLARE_FINAL_TYPE (TandemAiClient, tandem_ai_client, TANDEM, AI_CLIENT, GObject)

/* Called on the main context for every event of a turn, in order. */
typedef void (*TandemAiEventFunc) (TandemAiEvent *event,
                                   gpointer       user_data);

#define TANDEM_AI_CLIENT_DEFAULT_FIRST_BYTE_TIMEOUT_MS (120 * 1000)
#define TANDEM_AI_CLIENT_DEFAULT_IDLE_TIMEOUT_MS       (60 * 1000)
#define TANDEM_AI_CLIENT_DEFAULT_MAX_RETRIES           2
#define TANDEM_AI_CLIENT_DEFAULT_RETRY_BASE_MS         500
#define TANDEM_AI_CLIENT_MAX_RETRY_DELAY_MS            8000
#define TANDEM_AI_CLIENT_MAX_RETRY_AFTER_MS            (120 * 1000)

TandemAiClient    *tandem_ai_client_get_default         (void);
TandemAiClient    *tandem_ai_client_new                 (void);
SoupSession       *tandem_ai_client_get_session         (TandemAiClient       *self);
void               tandem_ai_client_set_timeouts        (TandemAiClient       *self,
                                                         guint                 first_byte_ms,
                                                         guint                 idle_ms);
void               tandem_ai_client_set_retry_policy    (TandemAiClient       *self,
                                                         guint                 max_retries,
                                                         guint                 base_delay_ms);
void               tandem_ai_client_stream_chat_async   (TandemAiClient       *self,
                                                         TandemAiProvider     *provider,
                                                         const TandemAiChatRequest *request,
                                                         TandemAiEventFunc     event_func,
                                                         gpointer              event_data,
                                                         GDestroyNotify        event_destroy,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           tandem_ai_client_stream_chat_finish  (TandemAiClient       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               tandem_ai_client_list_models_async   (TandemAiClient       *self,
                                                         TandemAiProvider     *provider,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *tandem_ai_client_list_models_finish  (TandemAiClient       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               tandem_ai_client_get_model_info_async (TandemAiClient      *self,
                                                         TandemAiProvider     *provider,
                                                         const char           *model,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
TandemAiModelInfo *tandem_ai_client_get_model_info_finish (TandemAiClient     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void               tandem_ai_client_test_connection_async (TandemAiClient     *self,
                                                         TandemAiProvider     *provider,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char              *tandem_ai_client_test_connection_finish (TandemAiClient    *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

gint64             tandem_ai_client_parse_retry_after   (SoupMessageHeaders   *headers);
gboolean           tandem_ai_host_is_loopback           (const char           *host);
gboolean           tandem_ai_host_is_private            (const char           *host);
GProxyResolver    *tandem_ai_proxy_resolver_new         (GProxyResolver       *inner);

G_END_DECLS
