/* ai-parse.c
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

/* Prints the throughput of the SSE and NDJSON parsers, alone and with the OpenAI and
 * Ollama decoders that turn the stream into events, fed in 16 KiB reads as from a
 * socket. Usage: bench-ai-parse [MEGABYTES] */

#include "config.h"

#include <stdlib.h>

#include "tandem-ai-ollama.h"
#include "tandem-ai-openai.h"
#include "tandem-ndjson-parser.h"
#include "tandem-sse-parser.h"

#define READ_SIZE 16384

static void
sse_cb (const char *event_type,
        const char *data,
        gsize       data_len,
        const char *last_event_id,
        gpointer    user_data)
{
  (*(guint64 *) user_data) += data_len;
}

static void
ndjson_cb (const char *line,
           gsize       len,
           gpointer    user_data)
{
  (*(guint64 *) user_data) += len;
}

static GString *
make_sse (gsize target)
{
  GString *s = g_string_new (NULL);
  guint i = 0;

  while (s->len < target)
    g_string_append_printf (s,
                            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\","
                            "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token%u\"},\"finish_reason\":null}]}\n\n",
                            i++);
  g_string_append (s, "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
  return s;
}

static GString *
make_ndjson (gsize target)
{
  GString *s = g_string_new (NULL);
  guint i = 0;

  while (s->len < target)
    g_string_append_printf (s,
                            "{\"model\":\"llama3\",\"created_at\":\"2024-01-01T00:00:00Z\","
                            "\"message\":{\"role\":\"assistant\",\"content\":\" token%u\"},\"done\":false}\n",
                            i++);
  g_string_append (s, "{\"model\":\"llama3\",\"done\":true,\"done_reason\":\"stop\"}\n");
  return s;
}

static void
report (const char *name,
        gsize       bytes,
        gint64      usec)
{
  g_print ("%-22s %8.1f MB/s\n", name, (bytes / 1e6) / (MAX (usec, 1) / 1e6));
}

static void
bench_decoder (const char       *name,
               TandemAiProvider *provider,
               GString          *input)
{
  TandemAiDecoder *decoder = tandem_ai_provider_new_decoder (provider);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_ai_event_unref);
  gint64 start = g_get_monotonic_time ();

  for (gsize pos = 0; pos < input->len; pos += READ_SIZE)
    {
      if (!decoder->feed (decoder, input->str + pos, MIN (READ_SIZE, input->len - pos), events))
        g_error ("The %s decoder failed", name);
      g_ptr_array_set_size (events, 0);
    }
  decoder->finish (decoder, events);
  report (name, input->len, g_get_monotonic_time () - start);
  tandem_ai_decoder_free (decoder);
}

int
main (int   argc,
      char *argv[])
{
  gsize megabytes = argc > 1 ? strtoul (argv[1], NULL, 10) : 64;
  g_autoptr(TandemAiProvider) openai = tandem_ai_openai_new ("http://127.0.0.1:1", NULL, NULL);
  g_autoptr(TandemAiProvider) ollama = tandem_ai_ollama_new ("http://127.0.0.1:1", NULL, NULL);
  GString *sse = make_sse (megabytes * 1000 * 1000);
  GString *ndjson = make_ndjson (megabytes * 1000 * 1000);
  TandemSseParser *sse_parser;
  TandemNdjsonParser *ndjson_parser;
  guint64 sink = 0;
  gint64 start;

  g_print ("Input: %" G_GSIZE_FORMAT " MB of each format, read in %d byte pieces\n", megabytes, READ_SIZE);

  sse_parser = tandem_sse_parser_new (sse_cb, &sink);
  start = g_get_monotonic_time ();
  for (gsize pos = 0; pos < sse->len; pos += READ_SIZE)
    tandem_sse_parser_feed (sse_parser, sse->str + pos, MIN (READ_SIZE, sse->len - pos), NULL);
  tandem_sse_parser_finish (sse_parser);
  report ("SSE parser", sse->len, g_get_monotonic_time () - start);
  tandem_sse_parser_free (sse_parser);

  ndjson_parser = tandem_ndjson_parser_new (ndjson_cb, &sink);
  start = g_get_monotonic_time ();
  for (gsize pos = 0; pos < ndjson->len; pos += READ_SIZE)
    tandem_ndjson_parser_feed (ndjson_parser, ndjson->str + pos, MIN (READ_SIZE, ndjson->len - pos), NULL);
  tandem_ndjson_parser_finish (ndjson_parser, NULL);
  report ("NDJSON parser", ndjson->len, g_get_monotonic_time () - start);
  tandem_ndjson_parser_free (ndjson_parser);

  bench_decoder ("OpenAI SSE -> events", openai, sse);
  bench_decoder ("Ollama NDJSON -> events", ollama, ndjson);

  g_string_free (sse, TRUE);
  g_string_free (ndjson, TRUE);
  return sink == 0;
}
